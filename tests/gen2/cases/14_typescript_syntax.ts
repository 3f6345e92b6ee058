/* Syntax a resource.ts may use — block comment with non-ASCII: café, 日本語, ✅ */
import { type ClientSchema, a, defineData } from "@aws-amplify/backend";
import type { DefineDataProps } from '@aws-amplify/backend-data';
import * as backend from '@aws-amplify/backend';

// Three quote styles, a template literal without interpolation, `as const`, `satisfies`.
const PREFIX = `Audit`;
const STATUSES = ["draft", 'published', `archived`] as const;
type Status = (typeof STATUSES)[number];

const shared = {
  createdBy: a.string(),
  notes: a.string().array(),
} satisfies Record<string, unknown>;

const withDefaults = (label: string, retries = 2) => ({
  label: a.string().default(label),
  retries: a.integer().default(retries),
});

export const schema = a
  .schema({
    Document: a
      .model({
        ...shared,
        ...withDefaults('untitled'),
        status: a.enum(STATUSES.map((s) => s.toUpperCase())),
        size: a.float(),
      })
      .authorization((allow) => {
        const rules = [allow.owner(), allow.authenticated().to(['read'])];
        return rules;
      }),
    [`${PREFIX}Log`]: backend.a.model({ entry: a.string() }),
    Flag: a.enum(Object.values({ on: 'ON', off: 'OFF' })),
  })
  .authorization(allow => allow.publicApiKey(),);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: "userPool", },
} as DefineDataProps);

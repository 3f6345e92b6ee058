// `{ __proto__ }` is a property of its own.
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const __proto__ = a.string();

const schema = a
  .schema({
    Sample: a.model({
      __proto__,
      text: a.string(),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });

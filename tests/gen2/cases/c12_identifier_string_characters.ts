// .identifier('cx'): the characters are the partition and sort keys.
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Sample: a.model({
      c: a.string().required(),
      x: a.string().required(),
      text: a.string(),
    }).identifier('cx'),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });

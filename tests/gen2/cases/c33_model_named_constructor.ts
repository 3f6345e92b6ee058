// Object.prototype names elsewhere
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    constructor: a.model({ text: a.string() }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });

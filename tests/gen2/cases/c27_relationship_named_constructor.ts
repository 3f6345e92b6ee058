// Object.prototype names as field names
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Parent: a.model({
      constructor: a.hasMany('Kid', 'parentId'),
    }),
    Kid: a.model({
      parentId: a.id(),
      parent: a.belongsTo('Parent', 'parentId'),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });

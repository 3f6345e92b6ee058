// references to a parent whose identifier is a string fail.
import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Parent: a.model({
      code: a.id().required(),
      kids: a.hasMany('Kid', 'parentCode'),
    }).identifier('code'),
    Kid: a.model({
      parentCode: a.id(),
      parent: a.belongsTo('Parent', 'parentCode'),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;
export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'apiKey' } });

import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Item: a
    .model({
      sku: a.string().required(),
      code: a.string().required(),
      status: a.string(),
      createdAt: a.datetime(),
    })
    .identifier(['sku', 'code'])
    .authorization((allow) => [allow.publicApiKey()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'apiKey',
    apiKeyAuthorizationMode: { expiresInDays: 30 },
  },
});

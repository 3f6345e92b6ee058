import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Wide: a
    .model({
      f01: a.string(),
      f02: a.string(),
      f03: a.string(),
      f04: a.string(),
      f05: a.string(),
      f06: a.string(),
      f07: a.string(),
      f08: a.string(),
      f09: a.string(),
      f10: a.string(),
      f11: a.string(),
      f12: a.string(),
      f13: a.string(),
      f14: a.string(),
      f15: a.string(),
      f16: a.string(),
      f17: a.string(),
      f18: a.string(),
      f19: a.string(),
      f20: a.string(),
      f21: a.string(),
      f22: a.string(),
    })
    .secondaryIndexes((index) => [index('f01'), index('f02'), index('f03'), index('f04'), index('f05'), index('f06'), index('f07'), index('f08'), index('f09'), index('f10'), index('f11'), index('f12'), index('f13'), index('f14'), index('f15'), index('f16'), index('f17'), index('f18'), index('f19'), index('f20'), index('f21'), index('f22')])
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

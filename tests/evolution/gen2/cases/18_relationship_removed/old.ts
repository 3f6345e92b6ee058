import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a
    .model({
      title: a.string(),
      comments: a.hasMany('Comment', 'postId'),
    })
    .authorization((allow) => [allow.publicApiKey()]),
  Comment: a
    .model({
      body: a.string(),
      postId: a.id(),
      post: a.belongsTo('Post', 'postId'),
    })
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

// hasMany / belongsTo with references; one foreign key required, one optional.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Author: a.model({
      name: a.string().required(),
      posts: a.hasMany('Post', 'authorId'),
      reviews: a.hasMany('Review', ['reviewerId']),
    }),
    Post: a.model({
      title: a.string(),
      authorId: a.id().required(),
      author: a.belongsTo('Author', 'authorId'),
    }),
    Review: a.model({
      stars: a.integer(),
      reviewerId: a.id(),
      reviewer: a.belongsTo('Author', ['reviewerId']),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

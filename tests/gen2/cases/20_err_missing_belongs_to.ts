// hasMany without a belongsTo on the other side.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Blog: a.model({ posts: a.hasMany('Post', 'blogId') }),
    Post: a.model({ blogId: a.id() }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

// hasOne / belongsTo, with the reference field typed as a string (String and ID match).
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    User: a.model({
      email: a.email(),
      profile: a.hasOne('Profile', 'userId'),
    }),
    Profile: a.model({
      bio: a.string(),
      userId: a.string(),
      user: a.belongsTo('User', 'userId'),
    }),
  })
  .authorization((allow) => [allow.owner()]);

export const data = defineData({ schema });

// The child's reference field is an Int but the parent's identifier is an ID.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Team: a.model({ members: a.hasMany('Member', 'teamId') }),
    Member: a.model({ teamId: a.integer(), team: a.belongsTo('Team', 'teamId') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

// hasMany with required items: rejected by the GraphQL transformer.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Team: a.model({ projects: a.hasMany('Project', 'teamId').valueRequired() }),
    Project: a.model({ teamId: a.id(), team: a.belongsTo('Team', 'teamId') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

// .secondaryIndexes with sortKeys, name, queryField, queryField(null) and default query names.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Level: a.enum(['LOW', 'HIGH']),
    Ticket: a
      .model({
        title: a.string().required(),
        level: a.ref('Level').required(),
        owner: a.string(),
        openedAt: a.datetime().required(),
        rank: a.integer(),
        queue: a.string(),
      })
      .secondaryIndexes((index) => [
        index('title'),
        index('level').sortKeys(['openedAt']).name('byLevel').queryField('ticketsByLevel'),
        index('owner').sortKeys(['rank', 'openedAt']),
        index('queue').queryField(null),
      ]),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

// .validate(...) rules, explicit id and createdAt fields, a hasOne with .required() absent,
// a JSON import and TypeScript enum values.
import { a, defineData } from '@aws-amplify/backend';
import limits from './limits.json';

enum Tier {
  Basic = 'BASIC',
  Premium = 'PREMIUM',
}

const schema = a
  .schema({
    Tier: a.enum(Object.values(Tier)),
    Plan: a.model({
      id: a.id().required(),
      name: a.string().validate((v) => v.minLength(3).maxLength(limits.maxName)),
      seats: a.integer().required().validate((v) => v.gte(1).lte(500)),
      tier: a.ref('Tier'),
      createdAt: a.datetime(),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

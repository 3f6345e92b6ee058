// Enum values cannot contain whitespace.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Plan: a.enum(['FREE', 'PRO PLUS']),
    Customer: a.model({ plan: a.ref('Plan') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });

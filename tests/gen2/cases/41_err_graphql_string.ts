// A GraphQL string schema with an unknown type.
import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: `
    type Todo @model @auth(rules: [{ allow: public }]) {
      owner: Person
    }
  `,
});

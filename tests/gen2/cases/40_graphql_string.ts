// The schema as a GraphQL string (Amplify compiles the SDL as written).
import { defineData } from '@aws-amplify/backend';

const schema = /* GraphQL */ `
  type Todo @model @auth(rules: [{ allow: public }]) {
    content: String
    done: Boolean! @default(value: "false")
  }
`;

export const data = defineData({ schema });

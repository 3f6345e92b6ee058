"""TypeScript syntax: the lark grammar's parser, its lexer and the syntax tree."""

"""A small JavaScript evaluator: values, built-ins, statements and expressions. Knows nothing of Amplify."""

// Loading this means something tried to evaluate n8n expressions in a test: the validator never does.
throw new Error("isolated-vm is not installed here: @n8n/workflow-sdk is a test-only devDependency and must not evaluate expressions.");

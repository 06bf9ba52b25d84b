"""The conversation protocol: its model, its loader and checker, and the conversation state."""

"""Key material: the device secret in the keyring, supporter key slots, recovery codes."""

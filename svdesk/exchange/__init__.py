"""What travels between unit and coordinator: the bundle and card formats."""

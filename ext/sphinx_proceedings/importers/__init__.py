"""Import event data from where it lives today: workshop websites and submission-system exports."""

"""What-if output: compare, sensitivity and sweep reports for the command line and files."""

"""The engine tests' runner of Python programs as users write them (examples/python, the README's
quick start): reads a request on stdin, runs the program file as an inline program through the
Automation API (no Python language host is needed), a preview and then an up, and prints one JSON
line per operation: its steps, outputs and error."""

import json
import runpy
import sys

from pulumi import automation as auto

from automation import open_stack, run_operation


def main():
    req = json.load(sys.stdin)
    # The program runs afresh each time, as a new process would run it.
    stack = open_stack(req, lambda: runpy.run_path(req["program"], run_name="__main__"))
    for key, value in req["config"].items():
        stack.set_config(key, auto.ConfigValue(value=value))
    for operation in req["operations"]:
        print(json.dumps(run_operation(stack, operation), default=str), flush=True)


if __name__ == "__main__":
    main()

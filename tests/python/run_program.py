"""The engine tests' runner of Python programs as users write them (examples/python, the README's
quick start): reads a request on stdin, runs the program file as an inline program through the
Automation API (no Python language host is needed), a preview and then an up, and prints one JSON
line per operation: its steps, outputs and error."""

import json
import runpy
import sys

from pulumi import automation as auto


def main():
    req = json.load(sys.stdin)
    # The program runs afresh each time, as a new process would run it.
    stack = auto.create_or_select_stack(
        stack_name=req["stack"],
        project_name=req["project"],
        program=lambda: runpy.run_path(req["program"], run_name="__main__"),
        work_dir=req["workDir"],
        opts=auto.LocalWorkspaceOptions(
            env_vars=req["env"],
            secrets_provider="passphrase",
            project_settings=auto.ProjectSettings(name=req["project"], runtime="python"),
        ),
    )
    for key, value in req["config"].items():
        stack.set_config(key, auto.ConfigValue(value=value))
    for operation in req["operations"]:
        steps = []

        def on_event(event, steps=steps):
            pre = event.resource_pre_event
            if pre:
                steps.append({"op": str(pre.metadata.op.value), "type": pre.metadata.type, "urn": pre.metadata.urn})

        resp = {"operation": operation, "steps": steps}
        try:
            if operation == "preview":
                stack.preview(on_event=on_event)
            elif operation == "up":
                result = stack.up(on_event=on_event)
                resp["outputs"] = {k: {"value": v.value, "secret": v.secret} for k, v in result.outputs.items()}
            else:
                raise ValueError(f"unknown operation {operation}")
        except Exception as e:  # reported to the Go test
            resp["error"] = str(e)
        print(json.dumps(resp, default=str), flush=True)


if __name__ == "__main__":
    main()

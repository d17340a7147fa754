"""What the engine tests' Python drivers share: a stack of an inline program opened from a
request, and one operation run on it, reported as the Go tests read it."""

from pulumi import automation as auto


def open_stack(req, program):
    return auto.create_or_select_stack(
        stack_name=req["stack"],
        project_name=req["project"],
        program=program,
        # An inline program's folder is the workspace's: create_or_select_stack's work_dir is
        # for programs on disk.
        opts=auto.LocalWorkspaceOptions(
            work_dir=req["workDir"],
            env_vars=req["env"],
            secrets_provider="passphrase",
            project_settings=auto.ProjectSettings(name=req["project"], runtime="python"),
        ),
    )


def run_operation(stack, operation):
    """Runs preview, up or destroy and reports its resource steps, the up's outputs and the error,
    if any."""
    steps = []

    def on_event(event):
        pre = event.resource_pre_event
        if pre:
            steps.append({"op": str(pre.metadata.op.value), "type": pre.metadata.type, "urn": pre.metadata.urn})

    resp = {"operation": operation, "steps": steps}
    try:
        if operation == "up":
            result = stack.up(on_event=on_event)
            resp["outputs"] = {k: {"value": v.value, "secret": v.secret} for k, v in result.outputs.items()}
        elif operation == "preview":
            stack.preview(on_event=on_event)
        elif operation == "destroy":
            stack.destroy(on_event=on_event)
        else:
            raise ValueError(f"unknown operation {operation}")
    except Exception as e:  # reported to the Go test
        resp["error"] = str(e)
    return resp

"""A reader of the published @pulumi/azure-native 3.28.0 npm package's type declarations (.d.ts):
names, types and required flags of its resources, functions and types, in the notation of the
project's reference facts. It reproduces the reference's facts for the resources both have (see
check()). schema_subset.py uses it for the tokens the reference does not hold.
"""
import json, os, re, sys

ROOT = None  # the unpacked npm package

def strip_comments(s):
    return re.sub(r"/\*.*?\*/", "", s, flags=re.S)

def block(text, header):
    i = text.index(header)
    j = text.index("{", i)
    depth, k = 0, j
    while True:
        if text[k] == "{": depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0: return text[j+1:k]
        k += 1

def split_top(text, sep):
    """text cut at each sep outside brackets."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "{<(": depth += 1
        if ch in "}>)": depth -= 1
        if ch == sep and depth == 0:
            out.append(cur); cur = ""
        else:
            cur += ch
    out.append(cur)
    return out

def members(body):
    return [m.strip() for m in split_top(body, ";") if m.strip()]

def parse_type(t, module):
    t = " ".join(t.split())
    optional = False
    m = re.fullmatch(r"pulumi\.(?:Input|Output)<(.*)>", t)
    if m: t = m.group(1).strip()
    parts = [p.strip() for p in split_top(t, "|")]
    if "undefined" in parts:
        optional = True
        parts = [p for p in parts if p != "undefined"]
    enum = [p for p in parts if p.startswith("enums.")]
    parts = [p for p in parts if not p.startswith("enums.")]
    t = " | ".join(parts)
    spec = {}
    if enum:
        spec = {"type": "string", "enumToken": "azure-native:%s:%s" % tuple(enum[0].split(".")[1:3]), "acceptsAnyString": "string" in parts}
    elif t in ("string", "boolean"):
        spec = {"type": t}
    elif t == "number":
        spec = {"type": "number"}
    elif t.endswith("[]"):
        spec = {"type": "array", "items": parse_type(t[:-2].strip("()"), module)[0]}
    elif t.startswith("pulumi.Input<") and t.endswith(">[]"):
        spec = {"type": "array", "items": parse_type(t[:-2], module)[0]}
    elif t.startswith("{"):
        inner = re.fullmatch(r"\{\s*\[key: string\]: (.*?);?\s*\}", t).group(1)
        spec = {"type": "map", "additionalProperties": parse_type(inner, module)[0]}
    elif re.fullmatch(r"(inputs|outputs)\.\w+\.\w+", t):
        kind, mod, name = t.split(".")
        if kind == "inputs" and name.endswith("Args"): name = name[:-4]
        spec = {"type": "object", "ref": name, "refTypeToken": "azure-native:%s:%s" % (mod, name), "refKind": kind[:-1]}
    else:
        raise ValueError("type %r" % t)
    return spec, optional

def props(body, module, readonly=False):
    result = []
    for m in members(body):
        if "(" in m.split(":")[0] or m.startswith("static") or m.startswith("constructor"): continue
        mm = re.fullmatch(r"(?:readonly\s+)?(\w+)(\??):\s*(.*)", m, re.S)
        if not mm: continue
        name, q, t = mm.groups()
        spec, optional = parse_type(t, module)
        spec = {"name": name, **spec, "required": not (q or optional)}
        result.append(spec)
    return sorted(result, key=lambda p: p["name"])

def api_version(module, file):
    """The ARM API version the npm package's module file says it uses."""
    js = open(f"{ROOT}/{module}/{file}.js").read()
    found = re.search(r"Uses Azure REST API version ([\d-]+\w*)", js)
    return found.group(1) if found else None  # a provider-side function (getClientToken): no ARM call

def resource(module, name, file):
    text = strip_comments(open(f"{ROOT}/{module}/{file}.d.ts").read())
    inputs = props(block(text, f"export interface {name}Args"), module)
    outputs = [{"name": "id", "type": "string", "required": True}, {"name": "urn", "type": "string", "required": True}]
    outputs += props(block(text, f"export declare class {name} "), module)
    return {"token": f"azure-native:{module}:{name}", "apiVersion": api_version(module, file),
            "requiredInputs": [p["name"] for p in inputs if p["required"]], "inputs": inputs, "outputs": outputs,
            "requiredOutputs": [p["name"] for p in outputs if p["required"]],
            "sourceFile": f"@pulumi/azure-native@3.28.0/{module}/{file}.d.ts"}

def function(module, name, file):
    text = strip_comments(open(f"{ROOT}/{module}/{file}.d.ts").read())
    cap = name[0].upper() + name[1:]
    return {"token": f"azure-native:{module}:{name}", "apiVersion": api_version(module, file),
            "args": props(block(text, f"export interface {cap}Args"), module),
            "result": props(block(text, f"export interface {cap}Result"), module),
            "sourceFile": f"@pulumi/azure-native@3.28.0/{module}/{file}.d.ts"}

def typ(module, name, kind):
    text = strip_comments(open(f"{ROOT}/types/{kind}.d.ts").read())
    ns = block(text, f"export declare namespace {module} ") if f"export declare namespace {module} " in text else block(text, f"export declare namespace {module}")
    iname = name + "Args" if kind == "input" else name
    return {"kind": kind, "typeToken": f"azure-native:{module}:{name}", "properties": props(block(ns, f"interface {iname} "), module)}

def check(reference):
    """The reader gives the reference's facts where both have them."""
    for module, name, file in [("network", "PrivateDnsZoneGroup", "privateDnsZoneGroup"),
                               ("network", "PrivateEndpoint", "privateEndpoint"),
                               ("monitor", "DiagnosticSetting", "diagnosticSetting")]:
        mine, theirs = resource(module, name, file), reference["others"][module]["resources"][name]
        norm = lambda ps: [(p["name"], p["type"], p.get("ref"), p["required"]) for p in ps]
        for side in ("inputs", "outputs"):
            if norm(mine[side]) != norm(theirs[side]):
                sys.exit(f"the reader disagrees with the reference on {module}:{name} {side}")

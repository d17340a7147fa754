"""Writes azure/schema/azure-native-3.28.0.json: the part of azure-native 3.28.0's Pulumi package
schema that this project binds, for the tokens listed in azure/tokens.txt and every type they
reference. `make generate` generates the Go binding (azure/<module>/) and the fake plugin's schema
from it; it is committed because building it needs npm.

Each resource, function, object type and enum comes from the project's reference facts
(shared/reference/azure-native-3.28.0.json, read from the published @pulumi/azure-native 3.28.0
type declarations and cross-checked with the official Go SDK) when they hold it, else from the
npm package's type declarations (.d.ts), read by npm_facts.py's reader. TypeScript says
`number` for integers and floating point numbers alike: the numbers read from npm are typed
after the ARM REST specs (INTEGERS below); an unlisted one stops the tool.

It also writes
  - azure/schema/azure-native-3.28.0-resources.json, the names of every resource of each bound
    module: the Go code generator names a type or a function after the resources of its module
    (a type Subnet becomes SubnetType beside a resource Subnet, getRedis becomes LookupRedis), so
    tools/gen-binding needs them to give the official SDK's Go names;
  - azure/<module>/testdata/azure-native-3.28.0-<module>.json, the facts the subset was built
    from, in the reference's notation, which each module's facts test checks the generated Go
    types against;
  - internal/factcheck/testdata/azure-native-3.28.0-<module>.json, the reference's facts of the
    calls of the official keyvault and authorization modules (`official` lines of tokens.txt).

    cd /tmp && npm pack @pulumi/azure-native@3.28.0 && tar -xzf pulumi-azure-native-3.28.0.tgz
    python3 tools/facts/schema_subset.py <the reference facts JSON> /tmp/package
"""
import json, os, re, sys

import npm_facts

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.join(HERE, "..", "..")

# Numbers read from npm that the ARM REST specs declare integers ("type": "integer"):
# Microsoft.Cache/redis 2024-11-01 (redis.json) and Microsoft.Network/privateDnsZones 2024-06-01
# (privatedns.json), the API versions azure-native 3.28.0 uses for them.
INTEGERS = {
    "azure-native:redis:getRedis": ["port", "sslPort", "shardCount", "replicasPerMaster", "replicasPerPrimary"],
    "azure-native:redis:SkuResponse": ["capacity"],
    "azure-native:redis:RedisInstanceDetailsResponse": ["nonSslPort", "shardId", "sslPort"],
    "azure-native:privatedns:PrivateZone": [
        "maxNumberOfRecordSets", "maxNumberOfVirtualNetworkLinks", "maxNumberOfVirtualNetworkLinksWithRegistration",
        "numberOfRecordSets", "numberOfVirtualNetworkLinks", "numberOfVirtualNetworkLinksWithRegistration"],
}


def reference_blocks(reference):
    blocks = {"redisenterprise": reference["redisenterprise"]["defaultModule"]}
    for module, block in reference["others"].items():
        if isinstance(block, dict) and "resources" in block:
            blocks[module] = block
    return blocks


def npm_kind(spec):
    """The kind of the object type a property refers to, from the reader's notation."""
    return spec.get("refKind")


class Subset:
    def __init__(self, reference, root):
        self.ref = reference_blocks(reference)
        self.root = root
        self.resources, self.functions, self.types = {}, {}, {}
        self.pending = []  # (type token, type name, kind)
        self.sources = {}
        # The facts each module's binding is tested against (azure/<module>/testdata/), in the
        # reference's notation, as this tool read them.
        self.facts = {}

    def module_facts(self, token):
        module = token.split(":")[1]
        return self.facts.setdefault(module, {"resources": {}, "functions": {}, "types": {}, "enums": {}})

    # Facts, from the reference or from npm.

    def resource_facts(self, module, name):
        block = self.ref.get(module, {})
        if name in block.get("resources", {}):
            return block["resources"][name], "reference"
        return npm_facts.resource(module, name, name[0].lower() + name[1:]), "npm"

    def function_facts(self, module, name):
        block = self.ref.get(module, {})
        if name in block.get("functions", {}):
            return block["functions"][name], "reference"
        return npm_facts.function(module, name, name), "npm"

    def type_facts(self, module, name, kind):
        block = self.ref.get(module, {})
        if name in block.get("types", {}):
            return block["types"][name], "reference"
        facts = npm_facts.typ(module, name, kind)
        if defaults_in_js(module, name, kind):
            sys.exit(f"{module}:{name} has defaults in the npm package's JavaScript that the reference does not give")
        return facts, "npm"

    def enum_values(self, token):
        module, name = token.split(":")[1:3]
        block = self.ref.get(module, {})
        key = f"{module}:{name}"
        if key in block.get("enums", {}):
            return [{"name": v["name"], "value": v["value"]} for v in block["enums"][key]["values"]]
        text = open(f"{self.root}/types/enums/{module}/index.d.ts").read()
        body = npm_facts.block(text, f"export declare const {name}:")
        values = []
        for m in npm_facts.members(npm_facts.strip_comments(body)):
            mm = re.fullmatch(r'readonly (\w+): "(.*)"', m)
            if not mm:
                sys.exit(f"enum {token}: cannot read {m!r}")
            values.append({"name": mm.group(1), "value": mm.group(2)})
        return values

    # Schema.

    def prop(self, owner, p, source, top=True):
        t = p["type"]
        if t == "number" and source == "npm":
            if p.get("name") not in INTEGERS.get(owner, []):
                sys.exit(f"{owner}.{p.get('name')}: a number in the npm package; say in INTEGERS whether the "
                         "ARM spec makes it an integer")
            t = p["type"] = "integer"  # the facts record the decision too
        if "enumToken" in p:
            enum = {"$ref": "#/types/" + p["enumToken"]}
            self.enums.add(p["enumToken"])
            return {"oneOf": [{"type": "string"}, enum]} if p.get("acceptsAnyString") else enum
        if t in ("string", "boolean", "integer", "number"):
            return {"type": t}
        if t == "array":
            return {"type": "array", "items": self.prop(owner, {**p["items"], "name": p.get("name")}, source, False)}
        if t == "map":
            spec = {"type": "object"}
            if p.get("additionalProperties"):
                spec["additionalProperties"] = self.prop(owner, {**p["additionalProperties"], "name": p.get("name")},
                                                         source, False)
            return spec
        if t == "object":
            token = p["refTypeToken"]
            kind = npm_kind(p) or ("output" if p["ref"].endswith("Response") or "Response" in p["ref"] else "input")
            self.pending.append((token, p["ref"], kind))
            return {"$ref": "#/types/" + token}
        sys.exit(f"{owner}: type {t}")

    def props(self, owner, props, source, defaults=None, secrets=(), resource=False):
        out = {}
        for p in props:
            if resource and p["name"] in ("id", "urn"):  # every resource's, not in the schema
                continue
            spec = self.prop(owner, p, source)
            if defaults and p["name"] in defaults and not isinstance(defaults[p["name"]], dict):
                spec["default"] = defaults[p["name"]]
            if p["name"] in secrets:
                spec["secret"] = True
            out[p["name"]] = spec
        return out

    def required(self, props, resource=False):
        return sorted(p["name"] for p in props if p["required"] and not (resource and p["name"] in ("id", "urn")))

    def add_resource(self, token):
        module, name = token.split(":")[1:3]
        f, source = self.resource_facts(module, name)
        assert f["token"] == token, (f["token"], token)
        spec = {"description": f"Uses Azure REST API version {f['apiVersion']}.",
                "inputProperties": self.props(token, f["inputs"], source, f.get("sdkInputDefaults")),
                "requiredInputs": self.required(f["inputs"]),
                "properties": self.props(token, f["outputs"], source, secrets=f.get("additionalSecretOutputs", []),
                                        resource=True),
                "required": self.required(f["outputs"], resource=True)}
        self.resources[token] = spec
        self.sources[token] = source
        self.module_facts(token)["resources"][name] = f

    def add_function(self, token):
        module, name = token.split(":")[1:3]
        f, source = self.function_facts(module, name)
        assert f["token"] == token, (f["token"], token)
        self.functions[token] = {
            "description": f"Uses Azure REST API version {f['apiVersion']}.",
            "inputs": {"properties": self.props(token, f["args"], source), "required": self.required(f["args"])},
            "outputs": {"properties": self.props(token, f["result"], source), "required": self.required(f["result"])},
        }
        self.sources[token] = source
        self.module_facts(token)["functions"][name] = f

    def close(self):
        """Adds every object type referred to, then every enum."""
        while self.pending:
            token, name, kind = self.pending.pop()
            if token in self.types:
                continue
            module = token.split(":")[1]
            f, source = self.type_facts(module, name, kind)
            self.types[token] = {"type": "object",
                                 "properties": self.props(token, f["properties"], source, f.get("sdkDefaults")),
                                 "required": self.required(f["properties"])}
            if not self.types[token]["required"]:
                del self.types[token]["required"]
            self.sources[token] = source
            self.module_facts(token)["types"][name] = f
        for token in sorted(self.enums):
            self.types[token] = {"type": "string", "enum": self.enum_values(token)}
            module, name = token.split(":")[1:3]
            self.module_facts(token)["enums"][f"{module}:{name}"] = {"token": token, "values": self.types[token]["enum"]}

    def build(self, tokens):
        self.enums = set()
        for token in tokens:
            name = token.split(":")[2]
            (self.add_resource if name[0].isupper() else self.add_function)(token)
        self.close()
        return {
            "name": "azure-native",
            "displayName": "Azure Native",
            "description": "The part of azure-native 3.28.0 that pulumi-azure-managed-redis binds. Written by "
                           "tools/facts/schema_subset.py from the reference facts and the @pulumi/azure-native "
                           "3.28.0 npm package, for the tokens of azure/tokens.txt. Do not edit by hand.",
            "version": "3.28.0",
            "meta": {"moduleFormat": "(.*)"},
            "language": {"go": {
                "importBasePath": "github.com/managedredis/pulumi-azure-managed-redis/azure",
                "rootPackageName": "azure",
                "internalModuleName": "utilities",
                "respectSchemaVersion": True,
                "disableInputTypeRegistrations": True,
            }},
            "resources": self.resources,
            "functions": self.functions,
            "types": self.types,
        }


# Go names of types that differ from their schema names because the type collides with a
# resource of its module: the reference records the official Go SDK's names
# (goStructNameAtV3_23_0); names that differ for other reasons (monitor's LogSettings of
# v3.23.0, renamed since) are not the generator's, and 3.28.0 has the schema's.
def go_names(facts):
    return {name: t["goStructNameAtV3_23_0"] for name, t in facts["types"].items()
            if t.get("goStructNameAtV3_23_0") == name + "Type"}


def write_testdata(module, facts):
    api_versions = sorted({f["apiVersion"] for kind in ("resources", "functions") for f in facts[kind].values()})
    out = {"_source": "Written by tools/facts/schema_subset.py: the facts of azure/tokens.txt's tokens of this "
                      "module and of the types they reference, from the reference facts and the published "
                      "@pulumi/azure-native 3.28.0 npm package, as azure/schema/azure-native-3.28.0.json was "
                      "built from them. Do not edit by hand.",
           "version": "3.28.0", "goNames": go_names(facts), **facts}
    if len(api_versions) == 1:
        out["apiVersion"] = api_versions[0]
    path = os.path.join(REPO, "azure", module, "testdata", f"azure-native-3.28.0-{module}.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


def defaults_in_js(module, name, kind):
    js = open(f"{npm_facts.ROOT}/types/{kind}.js").read()
    fn = name[0].lower() + name[1:] + ("Args" if kind == "input" else "") + "ProvideDefaults"
    ns = re.search(r"var %s;\s*\(function \(%s\) \{(.*?)\n\}\)\(%s" % (module, module, module), js, re.S)
    return bool(ns) and ("function " + fn + "(") in ns.group(1)


def module_resources(root, modules):
    """Every resource class name of each module, from its index.d.ts."""
    out = {}
    for module in sorted(modules):
        text = open(f"{root}/{module}/index.d.ts").read()
        out[module] = sorted(set(re.findall(r"export declare const ([A-Z]\w*): typeof import", text)))
    return out


def read_tokens(path):
    """The tokens of the schema subset (lines `<token>`, and `fake <token>`: in the subset the fake
    plugin serves, without a Go binding), and the tokens of the official modules' calls (lines
    `official <token>`)."""
    lines = [line.strip() for line in open(path) if line.strip() and not line.startswith("#")]
    return ([t.split()[-1] for t in lines if not t.startswith("official ")],
            [t.split()[1] for t in lines if t.startswith("official ")])


def fake_only_modules(path):
    """The modules whose every token is a `fake` line: no Go binding, so no facts test either."""
    lines = [line.split() for line in open(path) if line.strip() and not line.startswith("#")]
    modules = {}
    for words in lines:
        if words[0] != "official":
            module = words[-1].split(":")[1]
            modules[module] = modules.get(module, True) and words[0] == "fake"
    return {m for m, fake in modules.items() if fake}


def write_official(reference, tokens):
    """The facts of the official modules' calls: the reference's, with the types they reference."""
    blocks = reference_blocks(reference)
    by_module = {}
    for token in tokens:
        module, name = token.split(":")[1:3]
        kind = "resources" if name[0].isupper() else "functions"
        facts = by_module.setdefault(module, {"resources": {}, "functions": {}, "types": {}, "enums": {}})
        known = blocks[module][kind]
        if name in known:
            facts[kind][name] = known[name]
        elif kind == "functions":  # a call the reference lacks: the npm package's declarations
            facts[kind][name] = npm_facts.function(module, name, name)
        else:
            facts[kind][name] = npm_facts.resource(module, name, name[0].lower() + name[1:])
    for module, facts in by_module.items():
        block, pending = blocks[module], []

        def refs(props):
            for p in props:
                for q in (p, p.get("items") or {}, p.get("additionalProperties") or {}):
                    if q.get("ref"):
                        pending.append(q["ref"])
                    if q.get("enumToken"):
                        key = "%s:%s" % tuple(q["enumToken"].split(":")[1:3])
                        facts["enums"][key] = block["enums"][key]
        for f in facts["resources"].values():
            refs(f["inputs"]), refs(f["outputs"])
        for f in facts["functions"].values():
            refs(f["args"]), refs(f["result"])
        while pending:
            name = pending.pop()
            if name not in facts["types"]:
                facts["types"][name] = block["types"][name]
                refs(block["types"][name]["properties"])
        path = os.path.join(REPO, "internal", "factcheck", "testdata", f"azure-native-3.28.0-{module}.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump({"_source": "Written by tools/facts/schema_subset.py from the reference facts (the npm "
                                  "package's declarations for calls they lack): the calls of the official module "
                                  "azure/tokens.txt lists. Do not edit by hand.",
                       "version": "3.28.0", "goNames": go_names(facts), **facts}, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    reference = json.load(open(sys.argv[1]))
    npm_facts.ROOT = sys.argv[2]
    npm_facts.check(reference)
    tokens, official = read_tokens(os.path.join(REPO, "azure", "tokens.txt"))
    write_official(reference, official)
    subset = Subset(reference, sys.argv[2])
    spec = subset.build(tokens)
    out = os.path.join(REPO, "azure", "schema")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "azure-native-3.28.0.json"), "w") as f:
        json.dump(spec, f, indent=1, sort_keys=True)
        f.write("\n")
    modules = {t.split(":")[1] for t in list(spec["resources"]) + list(spec["functions"])}
    with open(os.path.join(out, "azure-native-3.28.0-resources.json"), "w") as f:
        json.dump({"_source": "Written by tools/facts/schema_subset.py: the resources of each bound module of "
                              "@pulumi/azure-native 3.28.0 (<module>/index.d.ts). Do not edit by hand.",
                   "modules": module_resources(sys.argv[2], modules)}, f, indent=1, sort_keys=True)
        f.write("\n")
    fake_only = fake_only_modules(os.path.join(REPO, "azure", "tokens.txt"))
    for module, facts in sorted(subset.facts.items()):
        if module not in fake_only:
            write_testdata(module, facts)
    counts = {}
    for token, source in subset.sources.items():
        counts[source] = counts.get(source, 0) + 1
    print("wrote", len(spec["resources"]), "resources,", len(spec["functions"]), "functions,", len(spec["types"]),
          "types; sources:", counts)

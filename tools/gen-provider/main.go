// Command gen-provider writes provider/generated.go: the provider's types (inputs, outputs,
// enums), their descriptions and tokens, and the conversions to and from the library's, all
// derived from package component, where every input and output is defined once (see
// component/args.go). It reads the library's types by reflection and their doc comments from
// its source. `make generate` runs it; `make check_generated`
// fails when its output differs from the committed file.
//
//	go run ./tools/gen-provider -out provider/generated.go
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// A component the provider serves: its token, its inputs, its outputs (the library's
// component type) and how the library builds it.
type served struct {
	token   string
	args    reflect.Type
	outputs reflect.Type
	build   string // the library's Build function
}

// The schema's package and module, from the tokens ("<package>:<module>:<type>").
var pkg, module = func() (string, string) {
	parts := strings.SplitN(components[0].token, ":", 3)
	return parts[0], parts[1]
}()

var components = []served{
	{component.ManagedRedisType, reflect.TypeFor[component.ManagedRedisArgs](), reflect.TypeFor[component.ManagedRedis](), "BuildManagedRedis"},
	{component.ManagedRedisAccessType, reflect.TypeFor[component.ManagedRedisAccessArgs](), reflect.TypeFor[component.ManagedRedisAccess](), "BuildManagedRedisAccess"},
}

func main() {
	out := flag.String("out", "provider/generated.go", "the file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-provider:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	docs, err := readDocs()
	if err != nil {
		return err
	}
	g := &generator{docs: docs, seen: map[reflect.Type]bool{}}
	source, err := g.file()
	if err != nil {
		return err
	}
	return os.WriteFile(out, source, 0o644)
}

// docs are the library's doc comments: "Type" and "Type.Field".
type docs map[string]string

// readDocs parses package component's source (beside this file's module, not tests).
func readDocs() (docs, error) {
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "component")
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 { // descriptions would all be empty
		return nil, fmt.Errorf("no Go files of package component in %s", dir)
	}
	d := docs{}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.TYPE {
				continue
			}
			for _, spec := range gen.Specs {
				t := spec.(*ast.TypeSpec)
				doc := t.Doc
				if doc == nil && len(gen.Specs) == 1 {
					doc = gen.Doc
				}
				d[t.Name.Name] = doc.Text()
				if st, ok := t.Type.(*ast.StructType); ok {
					for _, field := range st.Fields.List {
						for _, name := range field.Names {
							d[t.Name.Name+"."+name.Name] = field.Doc.Text()
						}
					}
				}
			}
		}
	}
	return d, nil
}

// description is a doc comment as the schema describes the thing: one paragraph (the first, for
// a type). A comment starting "<GoName> is ..." or "<GoName> are ..." loses both words ("The
// cluster's name ..."), one starting "<GoName> protects ..." its Go name ("Protects ..."); one
// whose subject is plural ("Tags go on ...") keeps it, in words ("Tags go on ...", "Role
// assignments give ..."), so that no description reads as an order.
func description(goName, doc string) string {
	paragraph, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	text := strings.Join(strings.Fields(paragraph), " ")
	if rest, ok := strings.CutPrefix(text, goName+" "); ok {
		verb, _, _ := strings.Cut(rest, " ")
		switch {
		case verb == "is" || verb == "are":
			text = strings.TrimPrefix(strings.TrimPrefix(rest, verb), " ")
		case strings.HasSuffix(verb, "s") && !strings.HasSuffix(verb, "ss"):
			text = rest
		default:
			text = words(goName) + " " + rest
		}
	}
	if text == "" {
		return ""
	}
	r := []rune(text)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// words is a Go name as words: "RoleAssignments" is "role assignments".
func words(goName string) string {
	var b strings.Builder
	for i, r := range goName {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

type generator struct {
	docs    docs
	buf     bytes.Buffer
	seen    map[reflect.Type]bool
	structs []reflect.Type // the input struct types, in the order met
	// outputStructs are the element types of the library's own Output types (a struct output
	// such as component.MigrationStatusOutput), in the order met.
	outputStructs []reflect.Type
	enums         []string
}

func (g *generator) p(format string, args ...any) { fmt.Fprintf(&g.buf, format+"\n", args...) }

// field is one tagged field of a library struct.
type field struct {
	goName, name string
	optional     bool
	enum         string
	typ          reflect.Type
	secret       bool
}

func fieldsOf(t reflect.Type) []field {
	var fields []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("pulumi")
		if !ok || !f.IsExported() || f.Anonymous {
			continue
		}
		name, options, _ := strings.Cut(tag, ",")
		fields = append(fields, field{goName: f.Name, name: name, optional: options == "optional", enum: f.Tag.Get("enum"),
			typ: f.Type, secret: f.Tag.Get("provider") == "secret"})
	}
	return fields
}

var inputType = reflect.TypeFor[pulumi.Input]()

// goType is the provider's type of a library field, and whether it is one of the library's
// structs (converted by its library method).
func (g *generator) goType(f field) string {
	t := f.typ
	switch {
	case f.enum != "" && t.Implements(inputType):
		// An Input of a closed list: a string Input here, the enum in the schema (schema.go).
		g.addEnum(f.enum)
		return "pulumi." + t.Name()
	case f.enum != "":
		g.addEnum(f.enum)
		if f.optional {
			return "*" + f.enum
		}
		return f.enum
	case t.Implements(inputType):
		return "pulumi." + t.Name()
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		g.addStruct(t.Elem())
		return "*" + t.Elem().Name()
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		g.addStruct(t.Elem())
		return "[]" + t.Elem().Name()
	}
	return t.String()
}

func (g *generator) addStruct(t reflect.Type) {
	if !g.seen[t] {
		g.seen[t] = true
		g.structs = append(g.structs, t)
	}
}

func (g *generator) addEnum(name string) {
	if !slices.Contains(g.enums, name) {
		g.enums = append(g.enums, name)
	}
}

func (g *generator) file() ([]byte, error) {
	g.p("// Code generated by tools/gen-provider from package component; DO NOT EDIT.")
	g.p("")
	g.p("package provider")
	g.p("")
	g.p("import (")
	g.p("\t\"reflect\"")
	g.p("")
	g.p("\t\"github.com/pulumi/pulumi-go-provider/infer\"")
	g.p("\t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"")
	g.p("")
	g.p("\t\"github.com/managedredis/pulumi-azure-managed-redis/component\"")
	g.p(")")
	g.p("")
	g.p("// Name is the Pulumi package name; the plugin binary is pulumi-resource-<Name>.")
	g.p("const Name = %q", pkg)
	g.p("")
	g.p("// module is the schema module of every type.")
	g.p("const module = %q", module)

	for _, c := range components {
		g.component(c)
	}
	// Nested input types, including those found while writing them.
	for i := 0; i < len(g.structs); i++ {
		g.inputStruct(g.structs[i])
	}
	for _, t := range g.outputStructs {
		g.outputStruct(t)
	}
	for _, name := range g.enums {
		g.p("")
		g.p("// %s is a closed list of values (component.Enums()[%q]).", name, name)
		g.p("type %s string", name)
		g.p("")
		g.p("func (%s) Values() []infer.EnumValue[%s] { return enumValues[%s](%q) }", name, name, name, name)
	}
	g.inputsByToken()
	source, err := format.Source(g.buf.Bytes())
	if err != nil {
		return g.buf.Bytes(), fmt.Errorf("formatting the generated code: %w", err)
	}
	return source, nil
}

func (g *generator) component(c served) {
	name := c.outputs.Name()
	g.p("")
	g.p("// %s is how the provider serves %s: the library's %s.", name, c.token, name)
	g.p("type %s struct{}", name)
	g.p("")
	g.p("func (r *%s) Annotate(a infer.Annotator) {", name)
	g.p("\ta.SetToken(module, %q)", name)
	g.p("\ta.Describe(r, %q)", description(name, g.docs[name]))
	g.p("}")
	g.p("")
	g.p("// Construct builds the component with the library; the library records nothing, the")
	g.p("// provider returns its outputs.")
	g.p("func (%s) Construct(ctx *pulumi.Context, name, typ string, args %s, opts pulumi.ResourceOption) (*%sState, error) {",
		name, c.args.Name(), name)
	g.p("\tbuilt, err := component.%s(ctx, name, args.library(), opts)", c.build)
	g.p("\tif err != nil {")
	g.p("\t\treturn nil, err")
	g.p("\t}")
	g.p("\treturn new%sState(built), nil", name)
	g.p("}")

	g.inputStruct(c.args)

	fields := fieldsOf(c.outputs)
	g.p("")
	g.p("// %sState are the outputs of %s, sharing the library component's registration.", name, name)
	g.p("type %sState struct {", name)
	g.p("\t*pulumi.ResourceState")
	g.p("")
	for _, f := range fields {
		secret := ""
		if f.secret {
			secret = ` provider:"secret"`
		}
		typ := "pulumi." + f.typ.Name()
		if elem, ok := libraryOutput(f.typ); ok {
			typ = f.typ.Name()
			if !slices.Contains(g.outputStructs, elem) {
				g.outputStructs = append(g.outputStructs, elem)
			}
		}
		g.p("\t%s %s `pulumi:%q%s`", f.goName, typ, f.name, secret)
	}
	g.p("}")
	g.p("")
	g.p("func (s *%sState) Annotate(a infer.Annotator) {", name)
	g.p("\tshareable(&s.ResourceState)")
	for _, f := range fields {
		g.p("\ta.Describe(&s.%s, %q)", f.goName, description(f.goName, g.docs[name+"."+f.goName]))
	}
	g.p("}")
	g.p("")
	g.p("func new%sState(c *component.%s) *%sState {", name, name, name)
	g.p("\treturn &%sState{", name)
	g.p("\t\tResourceState: &c.ResourceState,")
	for _, f := range fields {
		if elem, ok := libraryOutput(f.typ); ok {
			g.p("\t\t%s: c.%s.ApplyT(func(v component.%s) %s { return %s(v) }).(%s),", f.goName, f.goName,
				elem.Name(), elem.Name(), elem.Name(), f.typ.Name())
			continue
		}
		g.p("\t\t%s: c.%s,", f.goName, f.goName)
	}
	g.p("\t}")
	g.p("}")
}

// inputStruct writes a provider input type, its descriptions and its conversion to the library's.
func (g *generator) inputStruct(t reflect.Type) {
	name := t.Name()
	g.seen[t] = true
	fields := fieldsOf(t)
	types := make([]string, len(fields))
	for i, f := range fields {
		types[i] = g.goType(f)
	}
	g.p("")
	g.p("// %s is component.%s as the schema names it.", name, t.Name())
	g.p("type %s struct {", name)
	for i, f := range fields {
		optional := ""
		if f.optional {
			optional = ",optional"
		}
		enum := ""
		if f.enum != "" && f.typ.Implements(inputType) {
			enum = fmt.Sprintf(` enum:%q`, f.enum)
		}
		g.p("\t%s %s `pulumi:\"%s%s\"%s`", f.goName, types[i], f.name, optional, enum)
	}
	g.p("}")
	g.p("")
	g.p("func (v *%s) Annotate(a infer.Annotator) {", name)
	if !isComponentArgs(t) {
		g.p("\ta.SetToken(module, %q)", name)
		g.p("\ta.Describe(v, %q)", description(t.Name(), g.docs[t.Name()]))
	}
	for _, f := range fields {
		g.p("\ta.Describe(&v.%s, %q)", f.goName, description(f.goName, g.docs[t.Name()+"."+f.goName]))
	}
	g.p("}")
	g.p("")
	g.p("// library is the value as the library takes it.")
	g.p("func (v *%s) library() *component.%s {", name, t.Name())
	g.p("\tif v == nil {")
	g.p("\t\treturn nil")
	g.p("\t}")
	g.p("\tl := &component.%s{}", t.Name())
	for i, f := range fields {
		switch {
		case f.enum != "" && f.typ.Implements(inputType):
			g.p("\tl.%s = v.%s", f.goName, f.goName)
		case f.enum != "" && f.optional:
			g.p("\tl.%s = value(v.%s)", f.goName, f.goName)
		case f.enum != "":
			g.p("\tl.%s = string(v.%s)", f.goName, f.goName)
		case strings.HasPrefix(types[i], "*") && f.typ.Kind() == reflect.Pointer && f.typ.Elem().Kind() == reflect.Struct:
			g.p("\tl.%s = v.%s.library()", f.goName, f.goName)
		case strings.HasPrefix(types[i], "[]") && f.typ.Elem().Kind() == reflect.Struct:
			g.p("\tfor i := range v.%s {", f.goName)
			g.p("\t\tl.%s = append(l.%s, *v.%s[i].library())", f.goName, f.goName, f.goName)
			g.p("\t}")
		default:
			g.p("\tl.%s = v.%s", f.goName, f.goName)
		}
	}
	g.p("\treturn l")
	g.p("}")
}

// libraryOutput says whether t is one of the library's own Output types, and its element type.
func libraryOutput(t reflect.Type) (reflect.Type, bool) {
	if t.PkgPath() != reflect.TypeFor[component.ManagedRedis]().PkgPath() {
		return nil, false
	}
	elem := reflect.New(t).Elem().Interface().(pulumi.Output).ElementType()
	return elem, true
}

// outputStruct writes a provider output type: the library's struct as the schema names it, and
// its Output type (the component's output converts to it).
func (g *generator) outputStruct(t reflect.Type) {
	name := t.Name()
	fields := fieldsOf(t)
	g.p("")
	g.p("// %s is component.%s as the schema names it.", name, name)
	g.p("type %s struct {", name)
	for _, f := range fields {
		g.p("\t%s %s `pulumi:%q`", f.goName, f.typ.String(), f.name)
	}
	g.p("}")
	g.p("")
	g.p("func (v *%s) Annotate(a infer.Annotator) {", name)
	g.p("\ta.SetToken(module, %q)", name)
	g.p("\ta.Describe(v, %q)", description(name, g.docs[name]))
	for _, f := range fields {
		g.p("\ta.Describe(&v.%s, %q)", f.goName, description(f.goName, g.docs[name+"."+f.goName]))
	}
	g.p("}")
	g.p("")
	g.p("// %sOutput is a %s Output.", name, name)
	g.p("type %sOutput struct{ *pulumi.OutputState }", name)
	g.p("")
	g.p("func (%sOutput) ElementType() reflect.Type { return reflect.TypeFor[%s]() }", name, name)
	g.p("")
	g.p("func init() { pulumi.RegisterOutputType(%sOutput{}) }", name)
}

// isComponentArgs says whether t is a component's inputs (the schema's resource, not a type).
func isComponentArgs(t reflect.Type) bool {
	return slices.ContainsFunc(components, func(c served) bool { return c.args == t })
}

// inputsByToken lists the Go types behind the schema's input properties, for the plain markers
// (schema.go).
func (g *generator) inputsByToken() {
	g.p("")
	g.p("// inputsByToken are the Go types behind the schema's resources and object types.")
	g.p("var inputsByToken = map[string]reflect.Type{")
	for _, c := range components {
		g.p("\t%q: reflect.TypeFor[%s](),", c.token, c.args.Name())
	}
	for _, t := range g.structs {
		if !isComponentArgs(t) {
			g.p("\t%q: reflect.TypeFor[%s](),", pkg+":"+module+":"+t.Name(), t.Name())
		}
	}
	g.p("}")
}

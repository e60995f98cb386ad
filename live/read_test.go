package live

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// cluster is a dump in the shape `kubectl get ingress,service,secret -A -o
// yaml` prints: a v1 List, keys in kubectl's order, managedFields, status,
// last-applied-configuration. Its Secret values carry marker.
const (
	cluster = "../testdata/live/cluster.yaml"
	marker  = "LIVE-S3CR3T-7f3a"
)

func load(t *testing.T, path string) *State {
	t.Helper()
	s, err := Load(path)
	require.NoError(t, err)
	return s
}

// summary is what the index holds, as text, for comparing input forms.
func summary(t *testing.T, s *State) []string {
	t.Helper()
	var out []string
	for k, ing := range s.ingresses {
		out = append(out, "ingress "+k+" "+ing.Created.String()+" "+validator.BackendProtocol(ing.Ingress)+" "+ing.Annotations[cce.Class])
	}
	for k, svc := range s.services {
		out = append(out, "service "+k+" "+svc.Type+" "+strconv.Itoa(len(svc.Ports)))
	}
	for k, sec := range s.secrets {
		var keys []string
		for key := range sec.Keys {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		out = append(out, "secret "+k+" "+sec.Type+" "+strings.Join(keys, ","))
	}
	sort.Strings(out)
	return out
}

func TestLoadKubectlList(t *testing.T) {
	s := load(t, cluster)
	assert.True(t, s.Given())
	assert.Equal(t, []string{
		"ingress shop/classy 2025-02-01 12:00:00 +0000 UTC http union",
		"ingress shop/first 2024-06-01 08:00:00 +0000 UTC https performance",
		"ingress shop/legacy 2025-01-10 09:30:00 +0000 UTC http performance",
		"secret shop/db-creds Opaque password",
		"secret shop/web-tls kubernetes.io/tls tls.crt,tls.key",
		"service shop/first NodePort 1",
		"service shop/legacy NodePort 1",
	}, summary(t, s))
	first := s.Ingress("shop", "first")
	assert.Equal(t, cluster, first.Source)
	assert.Equal(t, "0f3c9a2e-5b7d-4e21-8c4a-9d6e1f2a3b4c", first.UID)
	assert.Nil(t, s.Ingress("shop", "nothere"))
	proto, exists, known := s.BackendProtocol("shop", "legacy")
	assert.Equal(t, []any{"http", true, true}, []any{proto, exists, known})
	_, exists, known = s.BackendProtocol("shop", "new")
	assert.Equal(t, []any{false, true}, []any{exists, known})
}

// TestEveryFormReadsTheSame: the List, the same objects as a stream of
// documents, as kubectl's JSON, as a folder of files, and Lists inside a
// stream, give one index.
func TestEveryFormReadsTheSame(t *testing.T) {
	want := summary(t, load(t, cluster))
	doc, err := os.ReadFile(cluster)
	require.NoError(t, err)
	var list struct {
		Items []yaml.Node `yaml:"items"`
	}
	require.NoError(t, yaml.Unmarshal(doc, &list))
	var docs []string
	for i := range list.Items {
		s, err := yaml.String(&list.Items[i])
		require.NoError(t, err)
		docs = append(docs, s)
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	stream := write("stream.yaml", strings.Join(docs, "---\n"))
	twoLists := write("lists.yaml", "apiVersion: v1\nkind: List\nitems:\n- "+indentItem(docs[0])+"---\napiVersion: v1\nkind: List\nitems:\n- "+strings.Join(mapItems(docs[1:]), "- "))
	folder := filepath.Join(dir, "folder")
	write("folder/a.yaml", strings.Join(docs[:3], "---\n"))
	write("folder/nested/b.yml", strings.Join(docs[3:], "---\n"))
	write("folder/.git/ignored.yaml", "not: [yaml")
	write("folder/notes.txt", "not read")
	for _, p := range []string{stream, twoLists, "testdata/cluster.json", folder} {
		assert.Equal(t, want, summary(t, load(t, p)), p)
	}
}

func mapItems(docs []string) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = indentItem(d)
	}
	return out
}

func indentItem(doc string) string {
	return strings.ReplaceAll(strings.TrimRight(doc, "\n"), "\n", "\n  ") + "\n"
}

// TestSecretValuesAreNotKept looks through everything the state holds:
// the live Ingresses' and Services' nodes and the Secrets, for the marker
// and its base64 form; only type and key names of a Secret remain.
func TestSecretValuesAreNotKept(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "live.yaml")
	data, err := os.ReadFile(cluster)
	require.NoError(t, err)
	extra := "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop, annotations: {a: " + marker + "}}\nstringData: {k: " + marker + "}\n"
	require.NoError(t, os.WriteFile(p, append(data, extra...), 0o644))
	s := load(t, p)
	var held strings.Builder
	for _, ing := range s.ingresses {
		held.WriteString(nodeText(t, ing.Item.Node))
		for k, v := range ing.Annotations {
			held.WriteString(k + v)
		}
	}
	for k, svc := range s.services {
		assert.Nil(t, svc.Item, k)
	}
	for k, sec := range s.secrets {
		assert.Nil(t, sec.Item, k)
		held.WriteString(k + sec.Type)
		for key := range sec.Keys {
			held.WriteString(key)
		}
	}
	require.Contains(t, held.String(), "tls.crt", "the key names are kept")
	for _, m := range []string{marker, base64.StdEncoding.EncodeToString([]byte(marker))} {
		assert.NotContains(t, held.String(), m)
	}
	assert.True(t, s.secrets["shop/s"].Keys["k"], "stringData key names count")
}

func nodeText(t *testing.T, n *yaml.Node) string {
	s, err := yaml.String(n)
	require.NoError(t, err)
	return s
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	secret := "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: " + marker + "}\n---\n"
	ingress := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n"
	for _, c := range []struct{ name, path, msg string }{
		{"missing file", filepath.Join(dir, "nothere.yaml"), "cannot read the live state " + filepath.Join(dir, "nothere.yaml") + ": no such file or directory"},
		{"empty folder", filepath.Join(dir, "empty") + "/", "holds no .yaml, .yml or .json file"},
		{"broken YAML after a Secret", write("broken.yaml", secret+"a: [b\n"), "broken.yaml is not YAML that kubectl prints"},
		{"not a resource", write("scalar.yaml", secret+"just text\n"), "scalar.yaml: object 2 is not a mapping"},
		{"no kind", write("nokind.yaml", secret+"apiVersion: v1\nmetadata: {name: x}\n"), "nokind.yaml: object 2 has no apiVersion or kind"},
		{"no name", write("noname.yaml", "apiVersion: v1\nkind: Service\nmetadata: {}\n"), "noname.yaml: object 1 (Service) has no metadata.name"},
		{"empty file", write("empty.yaml", ""), "empty.yaml is empty: kubectl get prints a List even when nothing runs"},
		{"only comments", write("comments.yaml", "# nothing\n---\n"), "comments.yaml is empty"},
		{"objects without --- between them", write("joined.yaml", ingress+"  creationTimestamp: \"2025-01-01T00:00:00Z\"\n"+ingress), "joined.yaml: object 1 (Ingress) sets apiVersion twice"},
		{"Ingress without creationTimestamp", write("made.yaml", ingress), "(Ingress shop/web) has no metadata.creationTimestamp: this is not an object read from a cluster"},
		{"bad creationTimestamp", write("time.yaml", ingress+"  creationTimestamp: yesterday\n"), `"yesterday", which is not an RFC 3339 time`},
		{"Ingress twice", write("twice.yaml", ingress+"  creationTimestamp: \"2025-01-01T00:00:00Z\"\n  uid: a\n---\n"+ingress+"  creationTimestamp: \"2025-01-01T00:00:00Z\"\n  uid: b\n"),
			"is Ingress shop/web again (also in " + filepath.Join(dir, "twice.yaml") + ")"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "empty folder" {
				require.NoError(t, os.MkdirAll(c.path, 0o755))
			}
			s, err := Load(c.path)
			require.Error(t, err)
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), c.msg)
			assert.NotContains(t, err.Error(), marker)
		})
	}
	t.Run("the same object in two dumps is read once", func(t *testing.T) {
		obj := ingress + "  creationTimestamp: \"2025-01-01T00:00:00Z\"\n  uid: a\n"
		folder := filepath.Join(dir, "two")
		write("two/a.yaml", obj)
		write("two/b.yaml", obj)
		assert.NotNil(t, load(t, folder).Ingress("shop", "web"))
	})
	t.Run("an empty cluster is a List without items", func(t *testing.T) {
		s := load(t, write("none.yaml", "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"))
		assert.Empty(t, s.ingresses)
	})
	t.Run("other kinds are passed over", func(t *testing.T) {
		s := load(t, write("all.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"))
		assert.Empty(t, s.ingresses)
	})
}

func TestClusterFields(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		// kubectl create --dry-run=client -o yaml
		{"metadata:\n  creationTimestamp: null\n  name: web\nstatus:\n  loadBalancer: {}\n", ""},
		{"metadata: {name: web}\nstatus: {}\n", ""},
		{"metadata: {name: web, uid: 8d2f}\n", "metadata.uid"},
		{"metadata: {name: web, resourceVersion: \"1\"}\n", "metadata.resourceVersion"},
		{"metadata: {name: web, creationTimestamp: \"2025-01-01T00:00:00Z\"}\n", "metadata.creationTimestamp"},
		{"metadata: {name: web, managedFields: [{manager: kubectl}]}\n", "metadata.managedFields"},
		{"metadata: {name: web}\nstatus: {loadBalancer: {ingress: [{ip: 10.0.0.1}]}}\n", "status"},
	} {
		var n yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte(c.yaml), &n))
		assert.Equal(t, c.want, ClusterFields(n.Content[0]), c.yaml)
	}
}

// TestSecretNodeIsBlanked: the parsed Secret itself keeps no value once read.
func TestSecretNodeIsBlanked(t *testing.T) {
	var n yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '{\"data\":{\"k\":\""+
		marker+"\"}}'\ndata:\n  k: "+marker+"\nstringData:\n  j: "+marker+"\n"), &n))
	s := newState(true)
	require.NoError(t, s.add(n.Content[0], "live.yaml"))
	text := nodeText(t, n.Content[0])
	assert.NotContains(t, text, marker)
	assert.Contains(t, text, "stringData")
	assert.Equal(t, map[string]bool{"k": true, "j": true}, s.secrets["default/s"].Keys)
}

func TestNoNamespaceMatchesTheNameElsewhere(t *testing.T) {
	s := load(t, cluster)
	proto, exists, known := s.BackendProtocol("", "first")
	assert.Equal(t, []any{UnknownNamespace, true, true}, []any{proto, exists, known}, "first runs in shop, with https")
	_, exists, _ = s.BackendProtocol("default", "first")
	assert.False(t, exists, "an explicit namespace is taken as given")
	_, exists, _ = s.BackendProtocol("", "new")
	assert.False(t, exists)
}

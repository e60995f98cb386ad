// Package live reads what already runs in the cluster, so a change can be
// checked against it before it is applied.
//
//	--live PATH / liveState: PATH (a file or a folder of YAML files)
//	   │ kubectl get ingress,service,secret -A -o yaml: a v1 List, a stream
//	   │ of documents, or Lists inside a stream
//	   ▼
//	Load ──> State{Ingresses by namespace/name (creation time, source);
//	   │           Services; Secrets (type and key names only)}
//	   │ AddExported: input Ingresses that carry cluster-only fields
//	   │ (metadata.uid, resourceVersion, creationTimestamp, managedFields,
//	   │ status) were exported from a cluster, so they run there as written
//	   ▼
//	transformer (never writes pool-protocol over another live protocol)
//	validator   (immutable-field; the live Ingresses join the index's shared
//	             listeners and backend groups, by ELB id + port, once)
//
// A live Secret's values are dropped while reading: only its type and the
// names of its keys are kept, and its annotations (which may hold
// kubectl.kubernetes.io/last-applied-configuration, values included) are
// never read. The file's bytes are zeroed once parsed.
package live

// Package kustomizetree finds the kustomize apps of a folder tree and renders
// each one in process with krusty, the way Argo CD and `kustomize build` do.
//
//	kustomization folders ──Roots──> apps: the roots no other kustomization in
//	                                 the tree uses (its resources, components
//	                                 or bases), plus unused Components
//	app folder ──Render──> App: the rendered resources as YAML, the source
//	                       file of each (from kustomize's origin annotations),
//	                       this function's own configuration if the app lists
//	                       it, every file the render read
//
// The user's files are never changed: Render reads them through a file system
// that rewrites each kustomization file in memory only. It turns on
// buildMetadata originAnnotations in the root (and strips them from the
// output again unless the user asked for them), and takes this function's
// configuration out of transformers: and validators:, so nothing is executed:
// the caller applies that configuration itself. Any other plugin (an exec or
// container KRM function, a legacy plugin, a Helm chart) is never run: the
// app is not rendered and App.Plugins says what to run instead.
package kustomizetree

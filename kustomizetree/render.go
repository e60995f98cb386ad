package kustomizetree

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// App is one kustomization root, rendered.
type App struct {
	Dir string // the root's folder, as given to Render
	// YAML is the rendered resources as `kustomize build` prints them; nil
	// when the app was not rendered (Err or Plugins is set).
	YAML []byte
	// Sources holds, for each resource of YAML in order, the file that
	// defined it (for a generated resource, the kustomization that
	// configured it), in the same form as Dir; "" when it came from a
	// remote base.
	Sources []string
	// Config is this function's configuration when a kustomization of the
	// app lists it under transformers: or validators:, else nil.
	Config *Config
	// Plugins names each plugin the render would have to run (exec or
	// container functions, legacy plugins, Helm charts). The app is then
	// not rendered: a partial render would be checked wrongly.
	Plugins []string
	// Warnings are problems that do not stop the render.
	Warnings []string
	// Read is the absolute path of every file the render read.
	Read []string
	Err  error
}

// Config is this function's configuration found in a kustomization.
type Config struct {
	Node *yaml.Node // the IngressHTTPSBackend or ConfigMap document
	File string     // the file that holds it, in the same form as App.Dir
}

// Render builds the kustomization in dir in process, with the options of a
// plain `kustomize build` (load restrictions root-only, no plugins, legacy
// order unless sortOptions says otherwise).
func Render(dir string) *App {
	app := &App{Dir: dir}
	root, err := filepath.Abs(dir)
	if err != nil {
		app.Err = err
		return app
	}
	fs := &rewriteFS{FileSystem: filesys.MakeFsOnDisk(), root: root, dir: dir}
	opts := krusty.MakeDefaultOptions()
	opts.Reorder = krusty.ReorderOptionUnspecified // what `kustomize build` does: legacy order unless sortOptions says otherwise
	m, err := krusty.MakeKustomizer(opts).Run(fs, root)
	app.Read, app.Plugins, app.Warnings = fs.read, fs.plugins, fs.warnings
	app.Config = fs.pickConfig(app)
	if len(app.Plugins) > 0 {
		return app
	}
	if err != nil {
		app.Err = fmt.Errorf("kustomize cannot build it: %s", relative(oneLine(err.Error())))
		return app
	}
	for _, res := range m.Resources() {
		src := ""
		if o, err := res.GetOrigin(); err == nil && o != nil && o.Repo == "" {
			p := o.Path
			if o.ConfiguredIn != "" {
				p = o.ConfiguredIn
			}
			if p != "" {
				src = filepath.Join(dir, p)
			}
		}
		app.Sources = append(app.Sources, src)
		if !fs.userOrigin {
			if err := res.SetOrigin(nil); err != nil {
				app.Err = fmt.Errorf("cannot remove the origin annotation: %v", err)
				return app
			}
		}
	}
	app.YAML, err = m.AsYaml()
	if err != nil {
		app.Err = fmt.Errorf("cannot write the rendered resources: %v", err)
	}
	return app
}

// pickConfig returns the configuration of the root kustomization, else the
// one a base lists; a warning says which one is used when there are several.
func (f *rewriteFS) pickConfig(app *App) *Config {
	if len(f.configs) == 0 {
		return nil
	}
	pick := f.configs[0]
	for _, c := range f.configs {
		if c.root {
			pick = c
			break
		}
	}
	if len(f.configs) > 1 {
		var files []string
		for _, c := range f.configs {
			files = append(files, c.File)
		}
		app.Warnings = append(app.Warnings, fmt.Sprintf("the app lists this function's configuration %d times (%s): %s is used",
			len(f.configs), strings.Join(files, ", "), pick.File))
	}
	return &pick.Config
}

// relative shortens the absolute paths in krusty's messages that are below
// the working folder, so messages read like the paths the user gave.
func relative(msg string) string {
	wd, err := os.Getwd()
	if err != nil || wd == "/" {
		return msg
	}
	return strings.ReplaceAll(msg, wd+string(filepath.Separator), "")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// RenderAll renders every folder in dirs, on as many goroutines as there
// are CPUs, and returns the apps in the order of dirs.
func RenderAll(dirs []string) []*App {
	apps := make([]*App, len(dirs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(dirs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				apps[i] = Render(dirs[i])
			}
		}()
	}
	for i := range dirs {
		next <- i
	}
	close(next)
	wg.Wait()
	return apps
}

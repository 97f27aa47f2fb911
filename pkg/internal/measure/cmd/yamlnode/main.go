// Command yamlnode reads a YAML file into a yaml.Node and exits: the floor
// that bp's reading of a plan is measured against, as a whole process
// (see BenchmarkScale in pkg/cli):
//
//	go build -o /tmp/yamlnode ./pkg/internal/measure/cmd/yamlnode
//	/usr/bin/time -v /tmp/yamlnode /tmp/plan-100k.yaml
package main

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: yamlnode FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "yamlnode:", err)
		os.Exit(2)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		fmt.Fprintln(os.Stderr, "yamlnode:", err)
		os.Exit(1)
	}
}

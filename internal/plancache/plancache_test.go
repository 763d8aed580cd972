package plancache

import (
	"reflect"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

type node struct {
	Next *node
	Kids []node
}

type plan struct {
	name string
	subs []*plan
}

func fill(builds *int) Fill[plan] {
	return func(b *Builder[plan], t reflect.Type, p *plan) {
		*builds++
		p.name = t.String()
		switch t.Kind() {
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				p.subs = append(p.subs, b.Plan(t.Field(i).Type))
			}
		case reflect.Pointer, reflect.Slice:
			p.subs = append(p.subs, b.Plan(t.Elem()))
		}
	}
}

func TestRecursiveTypesBuildOnce(t *testing.T) {
	t.Parallel()
	var c Cache[plan]
	builds := 0
	p := c.Get(reflect.TypeFor[node](), fill(&builds))
	assert.Equal(t, 3, builds, "node, *node and []node, each once")
	assert.Equal(t, "plancache.node", p.name)
	assert.Same(t, p, p.subs[0].subs[0], "*node points back at node's plan")
	assert.Same(t, p, p.subs[1].subs[0], "[]node points back at node's plan")
	assert.Same(t, p, c.Get(reflect.TypeFor[node](), fill(&builds)))
	assert.Same(t, p.subs[0], c.Get(reflect.TypeFor[*node](), fill(&builds)), "plans of the graph are cached too")
	assert.Equal(t, 3, builds)
}

func TestConcurrentGet(t *testing.T) {
	t.Parallel()
	var c Cache[plan]
	var mu sync.Mutex
	builds := 0
	f := func(b *Builder[plan], typ reflect.Type, p *plan) {
		mu.Lock()
		builds++
		mu.Unlock()
		p.name = typ.String()
	}
	var wg sync.WaitGroup
	got := make([]*plan, 16)
	for i := range got {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			got[i] = c.Get(reflect.TypeFor[int](), f)
		}(i)
	}
	wg.Wait()
	for _, p := range got {
		assert.Same(t, got[0], p)
	}
	assert.Equal(t, 1, builds)
}

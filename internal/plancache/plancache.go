// Package plancache caches the per-type plans of the SDK's codecs (JSON decoding, JSON
// encoding, query encoding): each plan is built once per Go type, by reflection, and then
// read without locks. Types that refer to themselves are handled: while a type graph is
// being built, a type's plan is handed out before it is filled, and only complete plans
// are published to other goroutines.
package plancache

import (
	"reflect"
	"sync"
)

// Cache maps Go types to plans of type P. The zero value is ready to use.
type Cache[P any] struct {
	plans sync.Map // reflect.Type → *P, complete plans only
	mu    sync.Mutex
}

// Fill fills p, the new plan of t. It gets the plans of the types t uses from b.Plan.
type Fill[P any] func(b *Builder[P], t reflect.Type, p *P)

// Builder builds the plans of one type graph.
type Builder[P any] struct {
	c        *Cache[P]
	fill     Fill[P]
	building map[reflect.Type]*P
}

// Get returns t's plan, building it (and the plans it uses) with fill on first use.
func (c *Cache[P]) Get(t reflect.Type, fill Fill[P]) *P {
	if p, ok := c.plans.Load(t); ok {
		return p.(*P)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	b := &Builder[P]{c: c, fill: fill, building: map[reflect.Type]*P{}}
	p := b.Plan(t)
	for typ, plan := range b.building {
		c.plans.LoadOrStore(typ, plan)
	}
	return p
}

// Plan returns t's plan: a cached one, one of this graph (possibly still being filled, when
// t refers back to itself), or a new one filled now.
func (b *Builder[P]) Plan(t reflect.Type) *P {
	if p, ok := b.c.plans.Load(t); ok {
		return p.(*P)
	}
	if p, ok := b.building[t]; ok {
		return p
	}
	p := new(P)
	b.building[t] = p
	b.fill(b, t, p)
	return p
}

package apijson

import "testing"

func BenchmarkZZSkip(b *testing.B) {
	s := retrievalPage(1000)
	b.SetBytes(int64(len(s)))
	for range b.N {
		d := decoder{s: s}
		if !d.skipValue() {
			b.Fatal(d.err)
		}
	}
}

func BenchmarkZZDecode(b *testing.B) {
	s := retrievalPage(1000)
	b.SetBytes(int64(len(s)))
	for range b.N {
		var p benchPage[benchResult]
		if err := UnmarshalString(s, &p); err != nil {
			b.Fatal(err)
		}
	}
}

package requestconfig

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/run-llama/llama-cloud-go/packages/respjson"
)

// PageState is what a page keeps of the request that fetched it, to fetch the next. Page
// types embed it under an unexported alias, so users see none of it: go doc shows neither
// the field nor any method, and it has no exported method to call. [Request.Do] fills it
// once it has decoded a page; [PageRequest] and [PageResponse] read it.
type PageState struct {
	req  *Request
	resp *http.Response
}

// pageState returns the state of the page embedding s. Being unexported, only types that
// embed a PageState have the method, which is how Do knows a page.
func (s *PageState) pageState() *PageState { return s }

// page is a response type that embeds a PageState.
type page interface{ pageState() *PageState }

// PageRequest returns the request that fetched the page holding s, or nil.
func PageRequest(s *PageState) *Request { return s.req }

// PageResponse returns the HTTP response that carried the page holding s, or nil.
func PageResponse(s *PageState) *http.Response { return s.resp }

// recordPage checks and records a decoded page, with resp the spent response that carried
// it (without credentials); dst of any other type is left alone. A page field that was
// present but does not fit its Go type (items that are not all items, a next_page_token that
// is not a string, …) is an error: decoded as empty, the page would end a walk early, its
// items dropped without an error.
func recordPage(dst any, r *Request, resp *http.Response) error {
	p, ok := dst.(page)
	if !ok {
		return nil
	}
	if name, raw := invalidPageField(dst); name != "" {
		if len(raw) > 100 {
			raw = strings.ToValidUTF8(raw[:100], "") + "…"
		}
		return fmt.Errorf("page field %q does not fit its Go type: %s", name, raw)
	}
	s := p.pageState()
	s.req, s.resp = r, resp
	return nil
}

// invalidPageField returns the JSON name and text of the first field of page (a pointer to
// a page struct) whose metadata entry in its JSON field is marked invalid, or "".
func invalidPageField(page any) (name, raw string) {
	v := reflect.ValueOf(page).Elem()
	meta := v.FieldByName("JSON")
	if meta.Kind() != reflect.Struct {
		return "", ""
	}
	for i := range meta.NumField() {
		mf := meta.Type().Field(i)
		if !mf.IsExported() || mf.Type != reflect.TypeFor[respjson.Field]() {
			continue
		}
		if f := meta.Field(i).Interface().(respjson.Field); f.IsInvalid() {
			name = mf.Name
			if sf, ok := v.Type().FieldByName(mf.Name); ok {
				if tag, _, _ := strings.Cut(sf.Tag.Get("json"), ","); tag != "" {
					name = tag
				}
			}
			return name, f.Raw()
		}
	}
	return "", ""
}

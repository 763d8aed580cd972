package textindex

import (
	"fmt"
	"regexp"
	"unicode/utf8"
)

func grep(text, pattern string, contextChars, limit int) ([]Match, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("llamacloud: invalid pattern %q: %w", pattern, err)
	}
	contextChars = max(contextChars, 0)
	runes := []rune(text)
	var out []Match
	// byteAt and runeAt walk forward together: matches come in ascending order.
	byteAt, runeAt := 0, 0
	toRune := func(b int) int {
		runeAt += utf8.RuneCountInString(text[byteAt:b])
		byteAt = b
		return runeAt
	}
	for _, loc := range re.FindAllStringIndex(text, -1) {
		if loc[0] == loc[1] {
			continue
		}
		start := toRune(loc[0])
		end := toRune(loc[1])
		from, to := max(start-contextChars, 0), min(end+contextChars, len(runes))
		out = append(out, Match{Start: start, End: end, Content: string(runes[from:to])})
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

func read(text string, offset, maxLength int) (string, error) {
	if offset < 0 {
		return "", fmt.Errorf("llamacloud: offset %d is negative", offset)
	}
	runes := []rune(text)
	if offset >= len(runes) {
		return "", nil
	}
	end := len(runes)
	if maxLength > 0 && offset+maxLength < end {
		end = offset + maxLength
	}
	return string(runes[offset:end]), nil
}

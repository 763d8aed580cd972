package textindex

import "math"

// uncategorizedConfidence is the confidence of a page that shares no term with any category.
const uncategorizedConfidence = 0.5

func categorize(pageTexts []string, categories []Category, allowUncategorized bool) []Segment {
	// vocab[k] maps each term of category k to its weight: 2 for a term of the name, 1 for a term
	// of the description only.
	vocab := make([]map[string]float64, len(categories))
	df := map[string]int{}
	for k, c := range categories {
		v := map[string]float64{}
		for _, t := range terms(c.Description) {
			v[t] = 1
		}
		for _, t := range terms(c.Name) {
			v[t] = 2
		}
		for t := range v {
			df[t]++
		}
		vocab[k] = v
	}
	rarity := func(t string) float64 { return math.Log(1 + float64(len(categories))/float64(df[t])) }

	var segs []Segment
	var confSum []float64
	prev := -1 // category of the previous page; -1 before the first, len(categories) for uncategorized
	for p, text := range pageTexts {
		tf := map[string]int{}
		for _, t := range terms(text) {
			tf[t]++
		}
		best, bestScore, total := -1, 0.0, 0.0
		bestUsed := 0
		for k, v := range vocab {
			var s float64
			used := 0
			for t, w := range v {
				if n := tf[t]; n > 0 {
					s += w * rarity(t) * (1 + math.Log(float64(n)))
					used++
				}
			}
			total += s
			if s > bestScore || (s == bestScore && s > 0 && k == prev) {
				best, bestScore, bestUsed = k, s, used
			}
		}
		conf := uncategorizedConfidence
		switch {
		case best >= 0:
			usage := float64(bestUsed) / float64(len(vocab[best]))
			conf = bestScore / total * (0.5 + 0.5*usage)
		case allowUncategorized || len(categories) == 0:
			best = len(categories)
		case prev >= 0 && prev < len(categories):
			best, conf = prev, 0
		default:
			best, conf = 0, 0
		}
		name := Uncategorized
		if best < len(categories) {
			name = categories[best].Name
		}
		if best == prev && len(segs) > 0 {
			last := len(segs) - 1
			segs[last].Pages = append(segs[last].Pages, p+1)
			confSum[last] += conf
		} else {
			segs = append(segs, Segment{Category: name, Pages: []int{p + 1}})
			confSum = append(confSum, conf)
		}
		prev = best
	}
	for i := range segs {
		segs[i].Confidence = math.Min(math.Max(confSum[i]/float64(len(segs[i].Pages)), 0), 1)
	}
	return segs
}

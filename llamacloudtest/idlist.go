package llamacloudtest

import "strings"

// idList is the IDs of a list's rows in ascending order, which is creation order since IDs grow
// with it (see Server.newID): the index that the directory, directory-file and chat-session lists
// page through. The zero value is an empty list.
type idList struct {
	set *sortedSet[string]
}

// add inserts id.
func (l *idList) add(id string) {
	if l.set == nil {
		l.set = newSortedSet(strings.Compare)
	}
	l.set.Insert(id)
}

// remove deletes id.
func (l *idList) remove(id string) {
	if l.set != nil {
		l.set.Remove(id)
	}
}

// len returns the number of IDs.
func (l *idList) len() int {
	if l.set == nil {
		return 0
	}
	return l.set.Len()
}

// syncIDs rebuilds l from the keys of m when their count differs from the list's, so that rows
// added or removed by code that did not call add or remove still list; it reports whether it did.
func syncIDs[V any](l *idList, m map[string]V) bool {
	if l.len() == len(m) {
		return false
	}
	l.set = newSortedSet(strings.Compare)
	l.set.fill(sortedKeys(m))
	return true
}

// page returns up to size IDs after the ID after ("" for the first page) for which keep is true,
// and whether another follows. It visits the IDs from the start of the page to the first kept one
// after it, and no others; visited counts them.
func (l *idList) page(after string, size int, keep func(id string) bool, visited *int) (ids []string, more bool) {
	if l.set == nil {
		return nil, false
	}
	pos := setPos{}
	if after != "" {
		pos = l.set.After(after)
	}
	l.set.Walk(pos, func(id string) bool {
		*visited++
		if !keep(id) {
			return true
		}
		if len(ids) == size {
			more = true
			return false
		}
		ids = append(ids, id)
		return true
	})
	return ids, more
}

// nextToken returns the token of the page after ids when more follow, else nil.
func nextToken(fingerprint string, ids []string, more bool) *string {
	if !more || len(ids) == 0 {
		return nil
	}
	tok := encodeKeysetToken(fingerprint, nil, ids[len(ids)-1])
	return &tok
}

// projectLists is the ordered IDs of a project's directories and chat sessions, for their lists.
// The zero value is ready to use.
type projectLists struct {
	dirs  idList
	chats idList

	dirCounts countCache // total_size of directory lists; touched by every change to a directory

	// work counts the rows list pages have visited (directories, directory files, chat
	// sessions), so tests can check what a page costs without timing it.
	work int
}

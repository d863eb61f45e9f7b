package ui

import (
	"net"
	"net/netip"
	"strings"
)

// completeServer completes a server address typed without a scheme:
// https:// goes before it, or http:// when its host is this computer
// itself (localhost, 127.0.0.0/8, ::1), where a test or demo server runs
// without a certificate. An address with a scheme, or an empty one, is
// only trimmed. A bare IPv6 address gets the brackets a URL needs.
func completeServer(addr string) string {
	addr = strings.TrimSpace(addr)
	if addr == "" || strings.Contains(addr, "://") {
		return addr
	}
	if ip, err := netip.ParseAddr(addr); err == nil && ip.Is6() {
		addr = "[" + addr + "]"
	}
	if isLoopback(hostOf(addr)) {
		return "http://" + addr
	}
	return "https://" + addr
}

// hostOf is the host of an address without a scheme: what comes before
// its path and port, without the brackets of an IPv6 address.
func hostOf(addr string) string {
	if i := strings.IndexAny(addr, "/?#"); i >= 0 {
		addr = addr[:i]
	}
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]")
}

// isLoopback reports whether host names this computer: localhost or a
// loopback address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

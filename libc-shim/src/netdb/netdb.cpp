// <netdb.h>: preview1 has no name resolution, so lookups fail as a system
// without a resolver's would: getaddrinfo and getnameinfo with EAI_FAIL,
// gethostbyname and kin with NO_RECOVERY, getservby* find nothing. The
// protocol table is the fixed one every system has. docs/porting.md.
#include <netdb.h>
#include <stdio.h>
#include <string.h>

namespace {

int host_error = 0;

char ip_name[] = "ip", icmp_name[] = "icmp", tcp_name[] = "tcp", udp_name[] = "udp";
char ip_alias[] = "IP", icmp_alias[] = "ICMP", tcp_alias[] = "TCP", udp_alias[] = "UDP";
char* ip_aliases[] = {ip_alias, nullptr};
char* icmp_aliases[] = {icmp_alias, nullptr};
char* tcp_aliases[] = {tcp_alias, nullptr};
char* udp_aliases[] = {udp_alias, nullptr};
struct protoent protocols[] = {
    {ip_name, ip_aliases, 0},
    {icmp_name, icmp_aliases, 1},
    {tcp_name, tcp_aliases, 6},
    {udp_name, udp_aliases, 17},
};
constexpr size_t protocol_count = sizeof protocols / sizeof protocols[0];
size_t next_protocol = 0;

struct hostent* no_host() {
  host_error = NO_RECOVERY;
  return nullptr;
}

}  // namespace

extern "C" {

int* __h_errno_location(void) { return &host_error; }

int getaddrinfo(const char* __restrict node, const char* __restrict service,
                const struct addrinfo* __restrict hints, struct addrinfo** __restrict result) {
  (void)node, (void)service, (void)hints;
  *result = nullptr;
  return EAI_FAIL;
}

void freeaddrinfo(struct addrinfo* list) { (void)list; }

int getnameinfo(const struct sockaddr* __restrict addr, socklen_t len, char* __restrict host,
                socklen_t host_len, char* __restrict serv, socklen_t serv_len, int flags) {
  (void)addr, (void)len, (void)host, (void)host_len, (void)serv, (void)serv_len, (void)flags;
  return EAI_FAIL;
}

const char* gai_strerror(int code) {
  switch (code) {
    case EAI_BADFLAGS: return "Invalid flags";
    case EAI_NONAME: return "Name does not resolve";
    case EAI_AGAIN: return "Try again";
    case EAI_FAIL: return "Non-recoverable error";
    case EAI_NODATA: return "No address for name";
    case EAI_FAMILY: return "Unrecognized address family or invalid length";
    case EAI_SOCKTYPE: return "Unrecognized socket type";
    case EAI_SERVICE: return "Unrecognized service";
    case EAI_MEMORY: return "Out of memory";
    case EAI_SYSTEM: return "System error";
    case EAI_OVERFLOW: return "Overflow";
    default: return "Unknown error";
  }
}

const char* hstrerror(int code) {
  switch (code) {
    case HOST_NOT_FOUND: return "Unknown host";
    case TRY_AGAIN: return "Host name lookup failure";
    case NO_RECOVERY: return "Unknown server error";
    case NO_DATA: return "No address associated with name";
    default: return "Resolver internal error";
  }
}

void herror(const char* prefix) {
  if (prefix != nullptr && *prefix != '\0')
    fprintf(stderr, "%s: %s\n", prefix, hstrerror(host_error));
  else
    fprintf(stderr, "%s\n", hstrerror(host_error));
}

struct hostent* gethostbyname(const char* name) {
  (void)name;
  return no_host();
}
struct hostent* gethostbyname2(const char* name, int family) {
  (void)name, (void)family;
  return no_host();
}
struct hostent* gethostbyaddr(const void* addr, socklen_t len, int family) {
  (void)addr, (void)len, (void)family;
  return no_host();
}
struct hostent* gethostent(void) { return nullptr; }
void sethostent(int stay_open) { (void)stay_open; }
void endhostent(void) {}

struct servent* getservbyname(const char* name, const char* proto) {
  (void)name, (void)proto;
  return nullptr;
}
struct servent* getservbyport(int port, const char* proto) {
  (void)port, (void)proto;
  return nullptr;
}
struct servent* getservent(void) { return nullptr; }
void setservent(int stay_open) { (void)stay_open; }
void endservent(void) {}

struct protoent* getprotobyname(const char* name) {
  for (auto& p : protocols) {
    if (strcmp(p.p_name, name) == 0 || strcmp(p.p_aliases[0], name) == 0) return &p;
  }
  return nullptr;
}
struct protoent* getprotobynumber(int number) {
  for (auto& p : protocols) {
    if (p.p_proto == number) return &p;
  }
  return nullptr;
}
struct protoent* getprotoent(void) {
  return next_protocol < protocol_count ? &protocols[next_protocol++] : nullptr;
}
void setprotoent(int stay_open) {
  (void)stay_open;
  next_protocol = 0;
}
void endprotoent(void) { next_protocol = 0; }

}  // extern "C"

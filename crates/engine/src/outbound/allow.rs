//! `fetch.allow`: the hosts and networks an operator lets fetches reach even
//! though they are internal (an intranet document store, a test server).

use std::net::IpAddr;

use ipnet::IpNet;

/// Host names (matched case-insensitively, exactly) and networks (an address
/// is a network of one) that are fetched from although internal.
#[derive(Debug, Clone, Default)]
pub struct AllowList {
    hosts: Vec<String>,
    networks: Vec<IpNet>,
}

impl AllowList {
    /// Reads entries such as `docs.intranet`, `10.0.0.0/8`, `127.0.0.1` or
    /// `::1`; an entry that is none of these is an error naming it.
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        let mut list = Self::default();
        for entry in entries {
            let entry = entry.trim();
            if let Ok(network) = entry.parse::<IpNet>() {
                list.networks.push(network);
            } else if let Ok(ip) = entry.parse::<IpAddr>() {
                list.networks.push(IpNet::from(ip));
            } else if is_host_name(entry) {
                list.hosts.push(entry.to_ascii_lowercase());
            } else {
                return Err(format!(
                    "fetch.allow: {entry:?} is neither a host name, an IP address nor a network like 10.0.0.0/8"
                ));
            }
        }
        Ok(list)
    }

    /// Whether `host` (as written in a URL) is listed by name.
    pub fn allows_host(&self, host: &str) -> bool {
        self.hosts.iter().any(|listed| listed.eq_ignore_ascii_case(host))
    }

    /// Whether `ip` lies in a listed network.
    pub fn allows_ip(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|network| network.contains(&ip))
    }
}

fn is_host_name(entry: &str) -> bool {
    !entry.is_empty()
        && entry.len() <= 253
        && entry.split('.').all(|label| {
            !label.is_empty() && label.len() <= 63 && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::AllowList;

    fn list(entries: &[&str]) -> AllowList {
        AllowList::parse(&entries.iter().map(|e| e.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn networks_addresses_and_names_are_allowed() {
        let allowed = list(&["10.0.0.0/8", "127.0.0.1", "::1", "Docs.Intranet"]);
        assert!(allowed.allows_ip("10.20.30.40".parse().unwrap()));
        assert!(allowed.allows_ip("127.0.0.1".parse().unwrap()));
        assert!(!allowed.allows_ip("127.0.0.2".parse().unwrap()));
        assert!(allowed.allows_ip("::1".parse().unwrap()));
        assert!(allowed.allows_host("docs.intranet"));
        assert!(!allowed.allows_host("intranet"));
    }

    #[test]
    fn an_entry_that_is_nothing_is_refused_by_name() {
        let error = AllowList::parse(&["http://x/".to_owned()]).unwrap_err();
        assert!(error.contains("\"http://x/\""), "{error}");
    }
}

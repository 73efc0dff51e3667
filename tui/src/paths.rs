//! Paths people type (`~/…`) and files the app writes (never outside their
//! directory, never over an existing file).

use std::path::{Path, PathBuf};

use crate::sanitize;

/// `~/…` as people type it, from `$HOME`.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_owned(),
    }
}

/// A path in `dir` for `name` that does not exist yet; the name is reduced
/// to a plain file name, so a server cannot make us write elsewhere.
pub fn free_path(dir: &Path, name: &str) -> PathBuf {
    let clean = match sanitize::file_name(name).as_str() {
        "file" => "attachment".to_owned(),
        other => other.to_owned(),
    };
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (clean.clone(), String::new()),
    };
    let mut path = dir.join(&clean);
    let mut n = 1;
    while path.symlink_metadata().is_ok() {
        path = dir.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_stay_in_their_directory() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = free_path(dir.path(), "../../etc/passwd");
        assert_eq!(p.parent(), Some(dir.path()));
        assert_eq!(
            p.file_name().and_then(|n| n.to_str()),
            Some("_.._etc_passwd")
        );
        std::fs::write(dir.path().join("a.txt"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(free_path(dir.path(), "a.txt"), dir.path().join("a (1).txt"));
        assert_eq!(
            free_path(dir.path(), "\u{1b}]0;x\u{7}"),
            dir.path().join("attachment")
        );
    }
}

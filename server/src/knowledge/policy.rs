//! Who may read and write the knowledge base. The SQL side of reading is
//! `store::knowledge::VISIBLE` (the scope in every query).

use portico_shared::Module;

use crate::access::{KnowledgeScope, Viewer};
use crate::error::Result;

/// What a reader sees: a signed-in person's scope (needs `knowledge`), or
/// the public articles for someone not signed in.
pub fn reader(viewer: Option<&Viewer>, disabled: &[Module]) -> Result<KnowledgeScope> {
    match viewer {
        Some(v) => v.knowledge(),
        None => KnowledgeScope::anonymous(disabled),
    }
}

/// Staff write articles; their scope reads every article.
pub fn editor(viewer: &Viewer) -> Result<KnowledgeScope> {
    viewer.require_staff()?;
    viewer.knowledge()
}

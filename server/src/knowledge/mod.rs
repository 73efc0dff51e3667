//! The knowledge base: staff write markdown articles; readers see those
//! their visibility allows (public ones without signing in).

pub mod ops;
pub mod policy;
pub mod routes;

pub use routes::router;

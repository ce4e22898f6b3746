//! The preview server of `duizhao serve`: a built site's folder in, the site
//! over HTTP on loopback out, each page reloading itself after a rebuild.
//! The command (`src/cmd/serve.rs`) builds; this module serves and watches.
//!
//! 1. [`watch`]: the edition's files watched, one call per burst of changes;
//! 2. [`hub`]: the builds' results (a new site, or an error) for the pages;
//! 3. [`http`]: the files of the site, the reload script and the events,
//!    over HTTP/1.1 connections read by [`conn`];
//! 4. [`resolve`](mod@resolve): a request's path to a file of the site,
//!    never outside it;
//! 5. [`live`]: the site kept in memory between rebuilds, an edited
//!    article's pages rendered again and written in place.

pub mod conn;
pub mod http;
pub mod hub;
pub mod live;
pub mod resolve;
pub mod watch;

pub use http::Server;
pub use hub::Hub;
pub use live::Live;
pub use watch::Watch;

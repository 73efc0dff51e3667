//! A thread as the shell sees it: answers and work only, since it is drawn
//! inside the ticket, order or conversation it belongs to.

use crate::screens::thread::msg::{ThreadEffect, ThreadMsg};
use crate::screens::thread::{effects, update};
use crate::shell::model::App;
use crate::shell::module::{Module, Runtime};
use crate::shell::msg::Effect;

pub struct Hooks;

impl Module for Hooks {
    type Msg = ThreadMsg;
    type Effect = ThreadEffect;

    fn answer(app: &mut App, msg: ThreadMsg) -> Vec<Effect> {
        update::answer(app, msg)
    }

    fn run(effect: ThreadEffect, rt: &Runtime) {
        effects::run(effect, rt.client.clone(), rt.tx.clone(), &rt.downloads);
    }
}

#!/usr/bin/env node
console.log("aigw-emulator");

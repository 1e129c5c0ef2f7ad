/** The sweep planner: design, estimator, progressive procedure, proposals and replays (`steplaw plan`). */
export * from './types.js';
export * from './design.js';
export * from './optimum.js';
export * from './estimate.js';
export * from './guide.js';
export * from './progressive.js';
export * from './propose.js';
export * from './reference.js';
export * from './replay.js';
export * from './synthetic.js';
export * from './trials.js';
export * from './study.js';
export * from './study-config.js';

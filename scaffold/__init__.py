"""The scaffolding generator: `scaffold new DEST` = `copier copy` + the post-generation hooks."""
